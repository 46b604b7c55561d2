/** What the demo agent prints for `needs sign-in`; its provider reads it as a sign-in screen. */
export const SIGN_IN_LINE = 'Not signed in · type /login to sign in';
