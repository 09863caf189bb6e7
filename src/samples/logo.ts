/**
 * The sample partnership's logo: an invented mark (a sun over the sea, in the sample's colours),
 * drawn as SVG so that the sample workspace carries no image it did not make.
 */
export function sampleLogo(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="120">
  <rect width="120" height="120" rx="18" fill="#1d4f76"/>
  <circle cx="60" cy="52" r="22" fill="#b3541e"/>
  <path d="M10 78 q12 -10 25 0 t25 0 t25 0 t25 0 V110 H10 Z" fill="#ffffff"/>
  <path d="M10 92 q12 -10 25 0 t25 0 t25 0 t25 0" fill="none" stroke="#1d4f76" stroke-width="4"/>
</svg>
`;
}
