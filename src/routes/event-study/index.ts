import { createRouter } from '../../http/router';
import { estimateEventStudy, estimateEventStudyRoute } from './estimate';

export { estimateEventStudyRoute } from './estimate';

export const eventStudyRoutes = createRouter().openapi(estimateEventStudyRoute, estimateEventStudy);
