export { ApiError, isApiError, type ErrorBody } from './api-error';
export {
  apiClient,
  createApiClient,
  sendKeepaliveDelete,
  setAccessTokenProvider,
  setApiBaseUrlProvider,
  setAuthenticationHandlers,
  type AccessTokenProvider,
  type AuthenticationHandlers,
  type ApiClient,
  type components,
  type paths,
} from './client';
