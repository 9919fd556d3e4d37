/** The module: `pop` tokens for the app path and signed HTTP requests on `/Validate`. */
export { SignedRequestModule } from './signed-request.module';
