import { Type } from 'typebox';
export const RoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('liaison'), Type.Literal('analyst'), Type.Literal('reader')]);

export const UserSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  authorityRef: Type.Union([Type.String(), Type.Null()]),
  locale: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  created: Type.String({ format: 'date-time' }),
});

export const SignInBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);

/** What a sign-in name may be: no ':' (HTTP Basic splits user:token there), nothing blank. */
export const USER_NAME_PATTERN = '^[A-Za-z0-9._@-]{2,64}$';

export const CreateUserBody = Type.Object(
  {
    name: Type.String({ pattern: USER_NAME_PATTERN }),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: RoleSchema,
    password: Type.Optional(Type.String({ minLength: 12, maxLength: 1024 })),
    authorityRef: Type.Optional(Type.Union([Type.String({ pattern: '^identity--' }), Type.Null()])),
    locale: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('ru'), Type.Literal('en'), Type.Null()])),
  },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(RoleSchema),
    password: Type.Optional(Type.String({ minLength: 12, maxLength: 1024 })),
    disabled: Type.Optional(Type.Boolean()),
    authorityRef: Type.Optional(Type.Union([Type.String({ pattern: '^identity--' }), Type.Null()])),
    locale: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('ru'), Type.Literal('en'), Type.Null()])),
  },
  { additionalProperties: false },
);

/** What users may change about themselves; a new password needs the current one. */
export const UpdateMeBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    locale: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('ru'), Type.Literal('en'), Type.Null()])),
    password: Type.Optional(Type.String({ minLength: 12, maxLength: 1024 })),
    currentPassword: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  },
  { additionalProperties: false },
);

/** Longest token life: beyond it the expiry no longer fits the store's 64-bit microseconds. */
export const MAX_TOKEN_DAYS = 3650;

export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    user: Type.Optional(Type.String({ description: 'admins may create tokens for other users' })),
    expiresDays: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_TOKEN_DAYS })),
  },
  { additionalProperties: false },
);

export const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  user: Type.String(),
  created: Type.String(),
  expires: Type.Union([Type.String(), Type.Null()]),
  lastUsed: Type.Union([Type.String(), Type.Null()]),
  revoked: Type.Union([Type.String(), Type.Null()]),
});

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
