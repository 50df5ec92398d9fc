import { LocalCloudError } from '../errors.js';

/** The synthesized template uses something the local cloud cannot stand in for. */
export class TemplateError extends LocalCloudError {
  override name = 'TemplateError';
}

/** No synthesized stack was found where one was expected. */
export class AssemblyNotFoundError extends LocalCloudError {
  override name = 'AssemblyNotFoundError';
}
