import { createRouter } from '../../http/router';
import { getOutage, getOutageRoute } from './get-outage';
import { listOutages, listOutagesRoute } from './list-outages';
import { listPlatformRevenue, listPlatformRevenueRoute } from './list-platform-revenue';

export { getOutageRoute } from './get-outage';
export { listOutagesRoute } from './list-outages';

export const catalogueRoutes = createRouter()
  .openapi(listOutagesRoute, listOutages)
  .openapi(getOutageRoute, getOutage)
  .openapi(listPlatformRevenueRoute, listPlatformRevenue);
