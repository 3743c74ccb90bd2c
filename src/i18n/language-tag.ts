/**
 * How Accord's inputs name a language, as patterns the API's schemas and the CLI share: a text's
 * language tag (zh, ru, en, zh-Hans), and the key of a text-per-language map (zh, ru, en).
 */
export const LANGUAGE_TAG = '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$';
export const LANGUAGE_CODE = '^[a-z]{2,3}$';
