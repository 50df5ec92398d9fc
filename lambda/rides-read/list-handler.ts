import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { consoleLogger, type Logger } from '../ride/log.js';
import { InvalidPageRequestError, parsePageRequest, type PageBinding } from './page-request.js';
import { internalError, jsonResponder, requestIdOf } from './respond.js';
import type { RideIndexReader } from './rides-index.js';

export interface ListHandlerOptions {
  reader: RideIndexReader;
  allowedOrigins?: readonly string[];
  logger?: Logger;
}

export type ProxyHandler = (event: APIGatewayProxyEvent, context?: { awsRequestId?: string }) => Promise<APIGatewayProxyResult>;

/** What a list handler decides from the event: the list to read, or a refusal with its status and message. */
export type ListChoice = { list: PageBinding } | { refuse: { statusCode: number; message: string } };

/**
 * The API Gateway adapter shared by GET /rides and GET /dispatch/rides: which
 * list is the handler's own decision (`choose`); paging, the query and the
 * answer are the same.
 */
export function createListHandler(name: string, choose: (event: APIGatewayProxyEvent) => ListChoice, options: ListHandlerOptions): ProxyHandler {
  const allowed = options.allowedOrigins ?? ['*'];
  const logger = options.logger ?? consoleLogger;
  return async (event, context) => {
    const requestId = requestIdOf(event, context);
    const respond = jsonResponder(event, allowed);
    const choice = choose(event);
    if ('refuse' in choice) {
      logger.log('WARN', `${name} refused`, { requestId, status: choice.refuse.statusCode });
      return respond(choice.refuse.statusCode, { message: choice.refuse.message });
    }
    let request;
    try {
      request = parsePageRequest(event.multiValueQueryStringParameters, choice.list);
    } catch (error) {
      if (error instanceof InvalidPageRequestError) {
        logger.log('WARN', `${name}: bad paging parameters`, { requestId, reason: error.message });
        return respond(400, { message: error.message });
      }
      return internalError(respond, logger, requestId, `read the paging parameters of ${name}`, error);
    }
    try {
      const page = await options.reader.page(choice.list, request);
      logger.log('INFO', `${name} listed`, { requestId, count: page.Rides.length, more: page.NextToken !== undefined });
      return respond(200, page);
    } catch (error) {
      return internalError(respond, logger, requestId, `list ${name}`, error);
    }
  };
}
