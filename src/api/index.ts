export { ApiError, isApiError, type ErrorBody } from './api-error';
export {
  apiClient,
  createApiClient,
  setAccessTokenProvider,
  setApiBaseUrlProvider,
  setAuthenticationHandlers,
  type AccessTokenProvider,
  type AuthenticationHandlers,
  type ApiClient,
  type components,
  type paths,
} from './client';
