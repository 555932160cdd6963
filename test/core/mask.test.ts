import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clientRefHash, type MaskKind, maskClientData, maskText, normaliseClientRef } from '../../bot/core/mask';

/** Appends the Luhn check digit, so the tests hold real card numbers rather than copied ones. */
function withLuhnDigit(body: string): string {
  let sum = 0;
  for (let k = 0; k < body.length; k++) {
    let d = Number(body[body.length - 1 - k]);
    if (k % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

function luhnValid(digits: string): boolean {
  return withLuhnDigit(digits.slice(0, -1)) === digits;
}

function groupsOf(digits: string, sizes: number[], separator: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join(separator);
}

const VISA_TEST = '4111111111111111';
const MASTERCARD_TEST = '5555555555554444';
const MIR = withLuhnDigit('220070011234567');
const MIR_19 = withLuhnDigit('220070011234567890');
const AMEX_TEST = '378282246310005';
// Same first fifteen digits as a valid card, wrong check digit.
const NOT_LUHN = `${MIR.slice(0, 15)}${(Number(MIR[15]) + 1) % 10}`;

const CARD_MASK = (last4: string) => `•••• •••• •••• ${last4}`;

function expectMasked(input: string, expected: string, kinds: MaskKind[]): void {
  const result = maskClientData(input);
  expect(result.text).toBe(expected);
  expect(result.found).toEqual(kinds);
}

function expectUntouched(input: string): void {
  expectMasked(input, input, []);
}

describe('test data', () => {
  it('uses Luhn-valid test cards and a 16-digit number that fails Luhn', () => {
    for (const pan of [VISA_TEST, MASTERCARD_TEST, MIR, MIR_19, AMEX_TEST]) expect(luhnValid(pan)).toBe(true);
    expect(MIR).toHaveLength(16);
    expect(MIR_19).toHaveLength(19);
    expect(NOT_LUHN).toHaveLength(16);
    expect(luhnValid(NOT_LUHN)).toBe(false);
  });
});

describe('cards', () => {
  it('masks a card in a Russian sentence keeping the last four digits', () => {
    expectMasked(
      'Клиент продиктовал карту 4111 1111 1111 1111, списание не прошло.',
      `Клиент продиктовал карту ${CARD_MASK('1111')}, списание не прошло.`,
      ['card'],
    );
  });

  it('reads spaced, dashed and contiguous cards the same way', () => {
    expectMasked(`оплата с ${groupsOf(MASTERCARD_TEST, [4, 4, 4, 4], '-')} отклонена`, `оплата с ${CARD_MASK('4444')} отклонена`, [
      'card',
    ]);
    expectMasked(`Мир ${MIR} заблокирована`, `Мир ${CARD_MASK(MIR.slice(-4))} заблокирована`, ['card']);
    expectMasked(`перевод на ${groupsOf(MIR, [4, 4, 4, 4], '\u00A0')}.`, `перевод на ${CARD_MASK(MIR.slice(-4))}.`, [
      'card',
    ]);
    expectMasked(`номер ${groupsOf(MIR, [4, 4, 4, 4], ' - ')}`, `номер ${CARD_MASK(MIR.slice(-4))}`, ['card']);
  });

  it('masks 13 to 19 digit cards in their usual groupings', () => {
    expectMasked(`Amex ${groupsOf(AMEX_TEST, [4, 6, 5], ' ')} клиента`, `Amex ${CARD_MASK('0005')} клиента`, ['card']);
    expectMasked(`Мир ${groupsOf(MIR_19, [4, 4, 4, 4, 3], ' ')}`, `Мир ${CARD_MASK(MIR_19.slice(-4))}`, ['card']);
    const thirteen = withLuhnDigit('422222222222');
    expectMasked(`старая Visa ${thirteen}`, `старая Visa ${CARD_MASK(thirteen.slice(-4))}`, ['card']);
  });

  it('leaves 16 digits that fail Luhn alone without a card keyword', () => {
    expectUntouched(`номер договора ${NOT_LUHN} от 26.11.2026`);
    expectUntouched(`трек ${groupsOf(NOT_LUHN, [4, 4, 4, 4], ' ')} в пути`);
  });

  it('masks 16 digits that fail Luhn after a card keyword: a mistyped card is still the client’s', () => {
    const last4 = NOT_LUHN.slice(-4);
    expectMasked(`номер карты: ${NOT_LUHN}`, `номер карты: ${CARD_MASK(last4)}`, ['card']);
    expectMasked(`карта клиента ${groupsOf(NOT_LUHN, [4, 4, 4, 4], ' ')}`, `карта клиента ${CARD_MASK(last4)}`, ['card']);
    expectMasked(`card no. ${NOT_LUHN}`, `card no. ${CARD_MASK(last4)}`, ['card']);
  });

  it('does not swallow a number written after the card', () => {
    expectMasked('4111 1111 1111 1111 2026', `${CARD_MASK('1111')} 2026`, ['card']);
    expectMasked('карта 4111 1111 1111 1111 12/26', `карта ${CARD_MASK('1111')} 12/26`, ['card']);
  });

  it('masks a card inside Slack bold', () => {
    expectMasked('*4111 1111 1111 1111*', `*${CARD_MASK('1111')}*`, ['card']);
  });
});

describe('accounts', () => {
  it('masks 20-digit accounts keeping the last four', () => {
    expectMasked(
      'Зачислить на счёт 40817810099991234567 до конца дня',
      'Зачислить на счёт ••••••••••••••••4567 до конца дня',
      ['account'],
    );
    expectMasked('р/с 40817 810 0 9999 1234567.', 'р/с ••••••••••••••••4567.', ['account']);
    expectMasked('счёт 40817.810.0.9999.1234567', 'счёт ••••••••••••••••4567', ['account']);
    expectMasked('счёт 4081 7810 0999 9123 4567', 'счёт ••••••••••••••••4567', ['account']);
  });

  it('masks the whole account even when its first sixteen digits pass Luhn', () => {
    const account = `${withLuhnDigit('408178100999912')}4567`;
    expect(luhnValid(account.slice(0, 16))).toBe(true);
    expectMasked(`счёт ${account}`, 'счёт ••••••••••••••••4567', ['account']);
    expectMasked(
      `счёт ${groupsOf(account, [5, 3, 1, 4, 7], ' ')}`,
      'счёт ••••••••••••••••4567',
      ['account'],
    );
  });
});

describe('passports', () => {
  it('masks series and number after a passport keyword, keeping nothing', () => {
    expectMasked('паспорт 45 09 123456 выдан 12.03.2015', 'паспорт •• •• •••••• выдан 12.03.2015', ['passport']);
    expectMasked('Паспорт: серия 45 09, номер 123456.', 'Паспорт: серия •• ••, номер ••••••.', ['passport']);
    expectMasked('серия 4509 № 123456', 'серия •••• № ••••••', ['passport']);
    expectMasked('данные паспорта 4509123456', 'данные паспорта ••••••••••', ['passport']);
    expectMasked('passport 4509 123456', 'passport •••• ••••••', ['passport']);
    expectMasked('п/п 4509123456', 'п/п ••••••••••', ['passport']);
  });

  it('masks the spaced forms without a keyword', () => {
    expectMasked('клиент назвал 45 09 123456', 'клиент назвал •• •• ••••••', ['passport']);
    expectMasked('документ 4509 123456 просрочен', 'документ •• •• •••••• просрочен', ['passport']);
  });

  it('leaves ten bare digits alone without a keyword', () => {
    expectUntouched('заявка 4509123456 в обработке');
  });
});

describe('SNILS', () => {
  it('masks the dashed form everywhere and eleven digits after the keyword', () => {
    expectMasked('СНИЛС 112-233-445 95', 'СНИЛС •••-•••-••• ••', ['snils']);
    expectMasked('снилс клиента: 11223344595', 'снилс клиента: •••-•••-••• ••', ['snils']);
    expectMasked('SNILS 112 233 445 95', 'SNILS •••-•••-••• ••', ['snils']);
    expectMasked('прислал 123-456-789 01 в чат', 'прислал •••-•••-••• •• в чат', ['snils']);
  });

  it('leaves eleven bare digits that are no phone alone', () => {
    expectUntouched('код 12345678901 из выписки');
  });
});

describe('INN', () => {
  it('masks 10 and 12 digits after ИНН or INN', () => {
    expectMasked('ИНН 7707083893, КПП 770701001', 'ИНН ••••••••••, КПП 770701001', ['inn']);
    expectMasked('ИНН физлица: 500100732259', 'ИНН физлица: ••••••••••••', ['inn']);
    expectMasked('INN 500100732259', 'INN ••••••••••••', ['inn']);
    expectMasked('ИНН7707083893', 'ИНН••••••••••', ['inn']);
    expectMasked('ИНН/КПП 7707083893/770701001', 'ИНН/КПП ••••••••••/770701001', ['inn']);
    expectMasked('ИНН 5001 0073 2259', 'ИНН ••••••••••••', ['inn']);
  });

  it('leaves the same digits alone without the keyword', () => {
    expectUntouched('платёж 7707083893 прошёл');
  });
});

describe('phones', () => {
  it('masks Russian numbers keeping the +7/8 prefix and the last two digits', () => {
    expectMasked('перезвонить на +7 (916) 123-45-67 после обеда', 'перезвонить на +7 (•••) •••-••-67 после обеда', ['phone']);
    for (const written of ['8 916 123 45 67', '89161234567', '8(916)123-45-67', '8-916-123-45-67', '8916 123-45-67']) {
      expectMasked(`тел. ${written}.`, 'тел. 8 (•••) •••-••-67.', ['phone']);
    }
    expectMasked('тел.+79161234567', 'тел.+7 (•••) •••-••-67', ['phone']);
    expectMasked('+7 916 1234567', '+7 (•••) •••-••-67', ['phone']);
  });

  it('masks international numbers keeping the plus and the last two digits', () => {
    expectMasked('в Лондоне: +44 20 7946 0958', 'в Лондоне: +••••••••••58', ['phone']);
    expectMasked('+375 29 123-45-67 (Минск)', '+••••••••••67 (Минск)', ['phone']);
  });

  it('leaves toll-free numbers, amounts and bare ten digits alone', () => {
    expectUntouched('горячая линия 8 800 555-35-35');
    expectUntouched('+7 800 100-00-00');
    expectUntouched('оборот 89 000 000 000 руб. за год');
    expectUntouched('резерв 80000000000 руб');
    expectUntouched('прирост +1 500 000 000 ₽');
    expectUntouched('внутренний 916 123-45-67 не клиентский');
  });

  it('reads a phone glued to a word', () => {
    expectMasked('89161234567доб.12', '8 (•••) •••-••-67доб.12', ['phone']);
  });

  it('reads a phone followed by an amount', () => {
    expectMasked('тел. 89161234567 1 400 000 руб.', 'тел. 8 (•••) •••-••-67 1 400 000 руб.', ['phone']);
  });
});

describe('e-mail', () => {
  it('masks the local part and keeps the domain', () => {
    expectMasked('пишет с ivan.petrov1985@mail.ru, просит ответ', 'пишет с •••@mail.ru, просит ответ', ['email']);
    expectMasked('почта клиент@почта.рф', 'почта •••@почта.рф', ['email']);
    expectMasked('<mailto:a.b+bank@bank.ru|a.b+bank@bank.ru>', '<mailto:•••@bank.ru|•••@bank.ru>', ['email']);
  });

  it('masks a phone used as the local part as an e-mail', () => {
    expectMasked('89161234567@sms.ru', '•••@sms.ru', ['email']);
  });
});

describe('near-misses stay as written', () => {
  const nearMisses = [
    'Сумма 150 000 ₽ зачислена',
    'кредит 1 400 000 руб. одобрен',
    'остаток 2 500,50',
    'перевод 150\u00A0000\u00A0₽',
    'срок до 26.11.2026',
    'дата 2026-11-26',
    'звонок в 10:30, перезвон в 14.45',
    'обращение CL-2026-000123 закрыто',
    'см. CL-2026-000123-2 и ЦБ-2026-000456',
    'статья 395 ГК РФ, п. 2.3.1 правил, ст. 29 Закона № 2300-1',
    'артикул 4607001234-12',
    'ПИН 1234 не сообщать',
    'ставка 12,5 % годовых, 100%',
    'ответим за 15 рабочих дней',
    'в 2026 году, с 2020 по 2026',
    'назначено <@U012AB3CD>, slack:U012AB3CD',
    `номер ${NOT_LUHN} без ключевого слова`,
    'итого 1 000 000 - 2 000 000 руб.',
    'в 2026г. было 15шт',
    'ts 1700000000.123456',
  ];
  for (const text of nearMisses) {
    it(text, () => expectUntouched(text));
  }
});

describe('a whole message', () => {
  const message =
    'Клиент Иванов (паспорт 45 09 123456, ИНН 500100732259) сообщил, что с карты 4111 1111 1111 1111 ' +
    'списано 150 000 ₽ 26.11.2026 в 10:30. Счёт 40817810099991234567. Тел. +7 (916) 123-45-67, ' +
    'почта ivanov@mail.ru. Обращение CL-2026-000123, ответ за 15 рабочих дней.';
  const expected =
    'Клиент Иванов (паспорт •• •• ••••••, ИНН ••••••••••••) сообщил, что с карты •••• •••• •••• 1111 ' +
    'списано 150 000 ₽ 26.11.2026 в 10:30. Счёт ••••••••••••••••4567. Тел. +7 (•••) •••-••-67, ' +
    'почта •••@mail.ru. Обращение CL-2026-000123, ответ за 15 рабочих дней.';

  it('masks every kind and reports each once, in a fixed order', () => {
    expectMasked(message, expected, ['card', 'account', 'passport', 'inn', 'phone', 'email']);
  });

  it('maskText returns the same text', () => {
    expect(maskText(message)).toBe(expected);
  });

  it('reports nothing for text without client data', () => {
    expect(maskClientData('Добрый день! Как закрыть вклад досрочно?')).toEqual({
      text: 'Добрый день! Как закрыть вклад досрочно?',
      found: [],
    });
  });

  it('handles a long message with many numbers', () => {
    const long = `${message} `.repeat(2_000);
    expect(maskText(long)).toBe(`${expected} `.repeat(2_000));
  });
});

describe('idempotence', () => {
  const samples = [
    'карта 4111 1111 1111 1111 2026',
    `карта ${MIR} 12 и 4509 123456`,
    'счёт 40817 810 0 9999 1234567 89161234567',
    'тел. 8 916 123 45 67 45 09 123456',
    '+7 (916) 123-45-67-4111111111111111',
    'ИНН 7707083893 4111 1111 1111 1111',
    'СНИЛС 112-233-445 95 и +44 20 7946 0958',
    'паспорт 4509 123456 ivan@mail.ru 5555-5555-5555-4444',
    `номер карты ${NOT_LUHN} 4509 123456`,
    'Клиент Иванов, карта 4111 1111 1111 1111, тел. +7 (916) 123-45-67, сумма 150 000 ₽, 26.11.2026.',
    '•••• 5555 5555 5555 4444',
    '•4111 1111 1111 1111',
    'паспорт 4509 123456 4111 1111 1111 1111',
    'паспорт 45 09 123456 45 09 123456',
    'ИНН 5001 0073 2259 4111 1111 1111 1111',
    'СНИЛС 112 233 445 95 8 916 123 45 67',
    '+44 20 7946 0958 4509 123456',
    'тел. 8 916 123 45 67 45 09 123456 и 89161234567',
  ];
  for (const text of samples) {
    it(text, () => {
      const once = maskClientData(text);
      expect(once.found.length).toBeGreaterThan(0);
      const twice = maskClientData(once.text);
      expect(twice.text).toBe(once.text);
      expect(twice.found).toEqual([]);
    });
  }

  it('leaves no run of five or more of the original digits', () => {
    for (const text of samples) {
      expect(maskText(text)).not.toMatch(/[0-9]{5}/);
    }
  });
});

describe('clientRefHash', () => {
  const secret = 'test-secret-for-linking';

  it('is an HMAC-SHA256 of the normalised reference, hex, 32 characters', () => {
    const hash = clientRefHash('Иванов Пётр, договор №12-345', secret);
    const expected = createHmac('sha256', secret).update('иванов петр договор 12345', 'utf8').digest('hex').slice(0, 32);
    expect(hash).toBe(expected);
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
  });

  it('is stable across calls', () => {
    expect(clientRefHash('40817810099991234567', secret)).toBe(clientRefHash('40817810099991234567', secret));
  });

  it('normalises case, ё, whitespace, punctuation and digit grouping', () => {
    const a = clientRefHash('  ИВАНОВ   Пётр  Семёнович ', secret);
    expect(clientRefHash('иванов петр семенович', secret)).toBe(a);
    expect(clientRefHash('Иванов,\tПетр\u00A0Семенович.', secret)).toBe(a);
    const card = clientRefHash('4276 3800 1234 5678', secret);
    expect(clientRefHash('4276-3800-1234-5678', secret)).toBe(card);
    expect(clientRefHash('4276380012345678', secret)).toBe(card);
    expect(normaliseClientRef('Договор № 12 345 / Ёлкин')).toBe('договор 12345 елкин');
  });

  it('differs between secrets and between references', () => {
    const ref = 'договор 12345';
    expect(clientRefHash(ref, secret)).not.toBe(clientRefHash(ref, `${secret}-2`));
    expect(clientRefHash(ref, secret)).not.toBe(clientRefHash('договор 12346', secret));
  });

  it('refuses an empty secret or a reference with nothing left after normalising', () => {
    expect(() => clientRefHash('договор 12345', '')).toThrow(RangeError);
    expect(() => clientRefHash(' .,- ', secret)).toThrow(RangeError);
  });
});
