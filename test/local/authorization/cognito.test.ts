import { authorizationSuite } from './suite.js';

authorizationSuite('cognito');
