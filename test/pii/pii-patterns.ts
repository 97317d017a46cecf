/** An 18-character resident ID number, not part of a longer run of digits or letters. */
export const ID_SHAPED = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
/** A mainland mobile number (1[3-9] and 9 digits), not part of a longer run of digits. */
export const MOBILE_SHAPED = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
