import { authorizationSuite } from './suite.js';

authorizationSuite('iam');
