import express from 'express';

/**
 * WeCom and DingTalk callbacks are a few KB (an encrypted message, or one robot message's JSON); a
 * larger body is refused with 413 before it is buffered, and a compressed one is cut at this size
 * after inflating.
 */
export const CALLBACK_BODY_LIMIT_BYTES = 64 * 1024;

/** Reads a callback body as text, whatever its declared type, up to the limit. */
export const callbackBody = () => express.text({ type: () => true, limit: CALLBACK_BODY_LIMIT_BYTES });
