import synthetic from '../../../examples/event-study-synthetic.json';

/**
 * The example request of `POST /v1/market-cap/event-study`: a SYNTHETIC series (examples/README.md says how it
 * was made; its 2030 dates say it is not real), 141 trading days, the event on 2030-07-04, default windows.
 */
export const EVENT_STUDY_EXAMPLE = synthetic;
