import { createRouter } from '../../http/router';
import { importCampaignExport, importCampaignExportRoute } from './import';

export const importRoutes = createRouter().openapi(importCampaignExportRoute, importCampaignExport);
