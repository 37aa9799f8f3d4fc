export { ApiError, isApiError, type ErrorBody } from './api-error';
export {
  apiClient,
  createApiClient,
  setAccessTokenProvider,
  type ApiClient,
  type components,
  type paths,
} from './client';
