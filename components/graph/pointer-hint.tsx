/**
 * A hint in two wordings: for a mouse (clicks, hover, the wheel) and, where the pointer is
 * coarse (a touch screen), for fingers. CSS picks one, so the server renders both.
 */
export function PointerHint({ mouse, touch }: { mouse: string; touch: string }) {
  return (
    <>
      <span className="pointer-coarse:hidden">{mouse}</span>
      <span className="hidden pointer-coarse:inline">{touch}</span>
    </>
  );
}
