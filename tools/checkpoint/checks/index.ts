import type { Checkpoint } from '../checkpoint.js';
import { setup } from './0-setup.js';
import { userPool } from './1-user-pool.js';
import { cognitoAuthorizer } from './2-cognito-authorizer.js';
import { iamSigv4 } from './2x-iam-sigv4.js';
import { lambdaAuthorizer } from './3-lambda-authorizer.js';
import { accessControls } from './4-access-controls.js';
import { authorization } from './5-authorization.js';
import { hostedUi } from './6-hosted-ui.js';
import { riderPhotos } from './7-rider-photos.js';

/**
 * The workshop's checkpoints, one per module (docs/workshop/). Adding one: a
 * file in this folder exporting a `Checkpoint`, and its entry here.
 */
export const CHECKPOINTS: readonly Checkpoint[] = [setup, userPool, cognitoAuthorizer, iamSigv4, lambdaAuthorizer, accessControls, authorization, hostedUi, riderPhotos];
