/** Danish answers of the write guard (src/core/writes.ts): a repeated button press, a write still in progress. */
export const onceText = {
  /** A repeated press of a button whose change was made (without a feature text of its own). */
  again: 'Det er allerede gemt. Der er ikke gemt noget to gange.',
  /** The same command message arrived again. */
  commandAgain: 'Den besked har jeg allerede fået og svaret på.',
  /** The first press is still being handled. */
  busy: 'Jeg er stadig i gang med det, du bad om. Vent et øjeblik, og hent så kortet igen.',
};
