import type { OptionSpec } from '../../shared/command.js';

export const EMAIL: OptionSpec = { type: 'string', placeholder: '<email>', description: "the rider's email (their username)" };
export const PASSWORD: OptionSpec = {
  type: 'string',
  placeholder: '<password>',
  description: '12+ characters with upper and lower case, a digit and a symbol',
  env: 'RIDER_PASSWORD',
};
