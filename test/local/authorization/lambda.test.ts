import { authorizationSuite } from './suite.js';

authorizationSuite('lambda');
