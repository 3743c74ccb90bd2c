/**
 * The syntax tree of a STIX 2.1 pattern (STIX 2.1 Part 9, "STIX Patterning"). Nodes are plain
 * readonly data so that they can be printed, compared in tests and cached without surprises.
 * `start` is the 0-based offset of the node's first character in the pattern text.
 */

/** A constant written in a pattern. Numbers keep their source text so printing is lossless. */
export type Literal =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'int'; readonly value: number; readonly text: string }
  | { readonly kind: 'float'; readonly value: number; readonly text: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  /** `t'…'`: the RFC 3339 text between the quotes. */
  | { readonly kind: 'timestamp'; readonly value: string }
  /** `h'…'`: hexadecimal digits, as written. */
  | { readonly kind: 'hex'; readonly value: string }
  /** `b'…'`: base64 text, as written. */
  | { readonly kind: 'binary'; readonly value: string }
  /** `( … )` on the right of IN. */
  | { readonly kind: 'set'; readonly values: readonly Literal[] };

export type ScalarLiteral = Exclude<Literal, { kind: 'set' }>;

/** One step after `type:` — a property name or a list index (`'*'` for any element). */
export type PathStep =
  { readonly kind: 'key'; readonly key: string } | { readonly kind: 'index'; readonly index: number | '*' };

/** `file:hashes.'SHA-256'` → objectType `file`, steps [key hashes, key SHA-256]. */
export interface ObjectPath {
  readonly objectType: string;
  readonly steps: readonly PathStep[];
}

export type ComparisonOperator =
  '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET' | 'EXISTS';

/** `path [NOT] op value`; EXISTS carries no value and is never negated. */
export interface Comparison {
  readonly kind: 'comparison';
  readonly path: ObjectPath;
  readonly operator: ComparisonOperator;
  readonly negated: boolean;
  readonly value?: Literal;
  readonly start: number;
}

/** Boolean combination of comparisons inside one `[ … ]`. */
export interface LogicalComparison {
  readonly kind: 'logical';
  readonly operator: 'AND' | 'OR';
  readonly operands: readonly ComparisonExpression[];
}

export type ComparisonExpression = Comparison | LogicalComparison;

export type Qualifier =
  | { readonly kind: 'within'; readonly seconds: number; readonly text: string; readonly start: number }
  | { readonly kind: 'repeats'; readonly times: number; readonly start: number }
  | {
      readonly kind: 'start-stop';
      readonly startTime: string;
      readonly stopTime: string;
      readonly start: number;
    };

/** `[ comparison ]` — matched against one observation. */
export interface ObservationTest {
  readonly kind: 'observation';
  readonly comparison: ComparisonExpression;
  readonly start: number;
}

/** Observation operators; operands are flattened (`a AND b AND c` is one node). */
export interface ObservationOperation {
  readonly kind: 'observation-op';
  readonly operator: 'AND' | 'OR' | 'FOLLOWEDBY';
  readonly operands: readonly ObservationExpression[];
}

export interface QualifiedObservation {
  readonly kind: 'qualified';
  readonly expression: ObservationExpression;
  readonly qualifier: Qualifier;
}

/** Parentheses around observation expressions are kept: qualifier rules depend on them. */
export interface ObservationGroup {
  readonly kind: 'group';
  readonly expression: ObservationExpression;
}

export type ObservationExpression =
  ObservationTest | ObservationOperation | QualifiedObservation | ObservationGroup;

export interface Pattern {
  readonly kind: 'pattern';
  readonly expression: ObservationExpression;
}
