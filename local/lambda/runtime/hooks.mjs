// Module resolution hooks for a function's worker. Lambda's Node.js runtime
// provides the AWS SDK v3, so bundles leave `@aws-sdk/*` out; here it is
// found in the project's node_modules when the asset does not carry it.
let fallbackParent;

export async function initialize(data) {
  fallbackParent = data?.fallbackParent;
}

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    if (fallbackParent && err?.code === 'ERR_MODULE_NOT_FOUND' && /^@aws-sdk\/|^@smithy\/|^@aws-crypto\//.test(specifier)) {
      return next(specifier, { ...context, parentURL: fallbackParent });
    }
    throw err;
  }
}
