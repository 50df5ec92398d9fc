import type { Route } from '../oauth2/route.js';
import { confirmGet, confirmPost } from './confirm.js';
import { forgotGet, forgotPost, resetGet, resetPost } from './forgot-password.js';
import { loginGet, loginPost } from './login.js';
import { signupGet, signupPost } from './signup.js';

/** The hosted UI's pages, at Cognito's paths. A new page is a file here and one entry in this list. */
export const HOSTED_UI_PAGES: readonly Route[] = [loginGet, loginPost, signupGet, signupPost, confirmGet, confirmPost, forgotGet, forgotPost, resetGet, resetPost];
