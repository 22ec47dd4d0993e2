/**
 * Car models the advisor knows (shared/domain.md section 1), with the years
 * each was built. The years are the models' production runs as BMW's model
 * codes are commonly listed (whole years, the first and last year included):
 * a date outside them is not that model, and the advisor says so rather than
 * giving a recipe for a body module the car cannot have.
 */
export type Family = "mini" | "bmw";

export interface CarModel {
  /** What the user types (case-insensitive), e.g. "R53", "E46". */
  id: string;
  family: Family;
  title: string;
  /** Production years, first and last. */
  built: [number, number];
}

export const MODELS: CarModel[] = [
  { id: "R50", family: "mini", title: "MINI One/Cooper (R50)", built: [2001, 2006] },
  { id: "R52", family: "mini", title: "MINI Convertible (R52)", built: [2004, 2008] },
  { id: "R53", family: "mini", title: "MINI Cooper S (R53)", built: [2001, 2006] },
  { id: "E38", family: "bmw", title: "BMW 7 Series (E38)", built: [1994, 2001] },
  { id: "E39", family: "bmw", title: "BMW 5 Series (E39)", built: [1995, 2004] },
  { id: "E46", family: "bmw", title: "BMW 3 Series (E46)", built: [1997, 2006] },
  { id: "E53", family: "bmw", title: "BMW X5 (E53)", built: [1999, 2006] },
  { id: "E83", family: "bmw", title: "BMW X3 (E83)", built: [2003, 2010] },
  { id: "E85", family: "bmw", title: "BMW Z4 (E85)", built: [2002, 2008] },
];

/** The first generation MINI as a whole (R50, R52, R53): what the advisor assumes without --model. */
export const FIRST_MINI_BUILT: [number, number] = [2001, 2008];

/** The model for user text like "r53", "MINI R53", "bmw e46"; undefined when unknown. */
export function findModel(text: string): CarModel | undefined {
  const id = text.trim().toUpperCase().replace(/^(MINI|BMW)[\s-]*/, "");
  return MODELS.find((m) => m.id === id);
}
