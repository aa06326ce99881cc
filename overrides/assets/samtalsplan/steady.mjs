// What Python says of a form shows steadily: not while a pointer is pressed.
// A press on a button takes focus from the field being edited, and the field's
// check runs. Shown during the press, its messages can move the button away
// before the press ends (the save bar sits below the fields), and the click
// goes to whatever is under the pointer then: the button's action is lost.
let pressed = false;
let letGo; // the release of a press that no click follows
const held = new Map(); // a form → the newest showing held for it

function release() {
  clearTimeout(letGo);
  pressed = false;
  const shows = [...held.values()];
  held.clear();
  for (const show of shows) show();
}

addEventListener("pointerdown", () => {
  clearTimeout(letGo);
  pressed = true;
}, true);
// After the click's own handlers. A finger's tap clicks a moment after it lifts,
// so the press ends with the click; a press that clicks nothing (a long press,
// the right button) ends shortly after it lifts.
addEventListener("click", () => setTimeout(release), true);
addEventListener("pointerup", () => {
  letGo = setTimeout(release, 500);
}, true);
addEventListener("pointercancel", release, true); // the finger scrolls instead

// Run `show` (which updates what shows in `form`) now, or once a press under way
// has ended; a newer showing for the same form replaces a held one.
export function showSteadily(form, show) {
  held.delete(form);
  if (!pressed) return show();
  held.set(form, show);
  performance.mark("sp-held"); // what a test of a slow press waits for
}
