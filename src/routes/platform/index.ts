import { createRouter } from '../../http/router';
import { estimatePlatformRevenueLoss, estimatePlatformRevenueLossRoute } from './estimate';

export { estimatePlatformRevenueLossRoute } from './estimate';
export { PLATFORM_LOSS_EXAMPLE } from './example';

export const platformRoutes = createRouter().openapi(estimatePlatformRevenueLossRoute, estimatePlatformRevenueLoss);
