import type { BoardDescription } from "../../hal/board";
import { renderScene } from "./svg-builder";
import { layoutWiring } from "./wiring-layout";

/** The wiring diagram of a (valid) board as a standalone SVG document. */
export function renderWiringSvg(board: BoardDescription): string {
  return renderScene(layoutWiring(board).scene);
}
