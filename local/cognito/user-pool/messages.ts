/** Cognito's messages for codes, as the real service words them. */
export const ATTEMPT_LIMIT = 'Attempt limit exceeded, please try after some time.';
export const CODE_MISMATCH = 'Invalid verification code provided, please try again.';
export const CODE_EXPIRED = 'Invalid code provided, please request a code again.';
