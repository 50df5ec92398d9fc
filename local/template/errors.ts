/** The synthesized template uses something the local cloud cannot stand in for. */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** No synthesized stack was found where one was expected. */
export class AssemblyNotFoundError extends Error {
  override name = 'AssemblyNotFoundError';
}
