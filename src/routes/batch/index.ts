import { createRouter } from '../../http/router';
import { getCampaignImpactCsv, getCampaignImpactCsvRoute } from './csv';
import { estimateCampaignImpactBatch, estimateCampaignImpactBatchRoute } from './estimate';
import { getCampaignImpactTemplate, getCampaignImpactTemplateRoute } from './template';
import { getCampaignImpactValue, getCampaignImpactValueRoute } from './value';

export { getCampaignImpactValueRoute } from './value';

export const batchRoutes = createRouter()
  .openapi(estimateCampaignImpactBatchRoute, estimateCampaignImpactBatch)
  .openapi(getCampaignImpactCsvRoute, getCampaignImpactCsv)
  .openapi(getCampaignImpactValueRoute, getCampaignImpactValue)
  .openapi(getCampaignImpactTemplateRoute, getCampaignImpactTemplate);
