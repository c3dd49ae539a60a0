import { createRouter } from '../../http/router';
import { estimateCampaignImpact, estimateCampaignImpactRoute } from './estimate';

export { estimateCampaignImpactRoute } from './estimate';
export { IMPACT_EXAMPLE } from './example';

export const impactRoutes = createRouter().openapi(estimateCampaignImpactRoute, estimateCampaignImpact);
