import { createRouter } from '../../http/router';
import { estimateEventStudy, estimateEventStudyRoute } from './estimate';

export { estimateEventStudyRoute } from './estimate';
export { EVENT_STUDY_EXAMPLE } from './example';

export const eventStudyRoutes = createRouter().openapi(estimateEventStudyRoute, estimateEventStudy);
