import { version } from '../package.json';

/** The service version, from package.json, reported by /health and the OpenAPI document. */
export const VERSION: string = version;
