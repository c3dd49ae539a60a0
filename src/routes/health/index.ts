import { createRouter } from '../../http/router';
import { getHealth, getHealthRoute } from './get';

export const healthRoutes = createRouter().openapi(getHealthRoute, getHealth);
