import { endpointsRoute, VISITOR_UPLOAD_ENDPOINTS } from '../../backend/http-endpoints';

/** The widget's and the inbox's operations as HTTP endpoints, `POST <endpoints>/visitor-uploads/<name>` (docs/MIGRATION.md). */
export const POST = endpointsRoute(VISITOR_UPLOAD_ENDPOINTS);
