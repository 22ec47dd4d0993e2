import { isActive, isWired } from "./inputs";
import type { RecipeCore } from "./recipes/types";

/**
 * A session starts only from the car state its recipe starts from, read on
 * the wired inputs before anything is pressed: no input that ends the
 * session by becoming active (`endsOn`: the ignition, a door) may be active
 * already, and neither may any input the recipe lists as `ready` (a ZKE car
 * that shows locked does not arm its learn mode). The ignition left on from
 * an earlier session would otherwise skip "insert key 1" and open the
 * ignition-off window at once. Inputs that are not wired are not read (the
 * prompts still say what to do).
 */

/** `role=<role> state=1` for the first input that is active and may not be, "" when the car is ready. */
export function notReady(recipe: RecipeCore): string {
  // an `endsOn` entry `<role>.off` (ends when the input goes inactive) is no wired role: not read
  for (const role of recipe.endsOn) if (isWired(role) && isActive(role)) return state(role);
  for (const role of recipe.ready) if (isWired(role) && isActive(role)) return state(role);
  return "";
}

function state(role: string): string {
  return "role=" + role + " state=1";
}
