/**
 * Car models the advisor knows (shared/domain.md section 1).
 */
export type Family = "mini" | "bmw";

export interface CarModel {
  /** What the user types (case-insensitive), e.g. "R53", "E46". */
  id: string;
  family: Family;
  title: string;
}

export const MODELS: CarModel[] = [
  { id: "R50", family: "mini", title: "MINI One/Cooper (R50)" },
  { id: "R52", family: "mini", title: "MINI Convertible (R52)" },
  { id: "R53", family: "mini", title: "MINI Cooper S (R53)" },
  { id: "E38", family: "bmw", title: "BMW 7 Series (E38)" },
  { id: "E39", family: "bmw", title: "BMW 5 Series (E39)" },
  { id: "E46", family: "bmw", title: "BMW 3 Series (E46)" },
  { id: "E53", family: "bmw", title: "BMW X5 (E53)" },
  { id: "E83", family: "bmw", title: "BMW X3 (E83)" },
  { id: "E85", family: "bmw", title: "BMW Z4 (E85)" },
];

/** The model for user text like "r53", "MINI R53", "bmw e46"; undefined when unknown. */
export function findModel(text: string): CarModel | undefined {
  const id = text.trim().toUpperCase().replace(/^(MINI|BMW)[\s-]*/, "");
  return MODELS.find((m) => m.id === id);
}
