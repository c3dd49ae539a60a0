import { Problem } from '../../schemas/problem';
import { PROBLEM_CONTENT_TYPE } from './problem';

const problem = (description: string) => ({ description, content: { [PROBLEM_CONTENT_TYPE]: { schema: Problem } } });

/** The error responses every JSON endpoint can give, spread into each route's `responses`. */
export const problemResponses = {
  400: problem('The body is not valid JSON.'),
  413: problem('The body is over 5 MiB.'),
  415: problem('The Content-Type is not `application/json`.'),
  422: problem('One or more fields are invalid; each is named by a JSON Pointer.'),
  500: problem('Unexpected failure (a bug).'),
};

/** The error responses of a GET endpoint that takes query parameters. */
export const queryProblemResponses = {
  422: problem('One or more query parameters are invalid; each is named by `/query/<name>`.'),
  500: problem('Unexpected failure (a bug).'),
};
