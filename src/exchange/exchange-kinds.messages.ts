import { defineMessages } from '../i18n/messages.js';

/** What the validator says when an object breaks the shape of one of Accord's exchange kinds. */
export const exchangeKindMessage = defineMessages(
  'exchangeKind',
  {
    newSdoRequired: '{type} must declare its extension-definition {extension} as new-sdo',
    appliesTo: '{name} applies to {types} only',
    unknownKind: '{type} is not an Accord exchange kind',
  },
  {
    newSdoRequired: '{type} 必须将其扩展定义 {extension} 声明为 new-sdo',
    appliesTo: '{name} 只适用于 {types}',
    unknownKind: '{type} 不是 Accord 的交换类型',
  },
  {
    newSdoRequired: '{type} должен объявить своё определение расширения {extension} как new-sdo',
    appliesTo: '{name} применяется только к {types}',
    unknownKind: '{type} не является видом обмена Accord',
  },
);
