export {
  CALLBACK_PATH,
  connectionEndpoints,
  readConnectionSettings,
  redirectUriFor,
  sameConnection,
  type ConnectionSettings,
} from './connection';
export { completeLogin, isLoginResponse, LoginError } from './login';
export { REGIONS, type RegionKey } from './regions';
export {
  forgetSession,
  installAuthentication,
  logout,
  notifyLoginCompleted,
  setLoginReturnPathProvider,
  startLogin,
} from './session';
export { tokenInfoKeys } from './token-info';
export { useAuthSession } from './use-auth-session';
export { AccountArea } from './components/account-area';
