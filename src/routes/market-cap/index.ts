import { createRouter } from '../../http/router';
import { computeMarketCapChange, computeMarketCapChangeRoute } from './compute';

export { computeMarketCapChangeRoute } from './compute';
export { MARKET_CAP_EXAMPLE, MARKET_CAP_RESPONSE_EXAMPLE } from './example';

export const marketCapRoutes = createRouter().openapi(computeMarketCapChangeRoute, computeMarketCapChange);
