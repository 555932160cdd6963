/**
 * Banking vocabulary for generated knowledge bases: what staff ask about (objects, in the Russian cases
 * the phrasings need), what they want done with it (actions), and the circumstances that make two
 * questions different answers (qualifiers). Combined, they give over 50,000 distinct questions that
 * share words the way a real bank's answers do ("блокировка карты" vs "блокировка карты за границей").
 */

/** An object of a question: nominative, accusative and genitive Russian phrases, and English. */
export interface Noun {
  nom: string;
  acc: string;
  gen: string;
  en: string;
}

/**
 * What is done to an object. Templates take `{acc}`/`{gen}` (Russian) or `{en}`: the infinitive
 * ("заблокировать {acc}"), the action as a noun ("блокировка {gen}"), the plural past ("заблокировали
 * {acc}", a word form the stored text never uses) and the bare noun ("блокировка").
 */
export interface Action {
  key: string;
  inf: string;
  noun: string;
  past: string;
  bare: string;
  enVerb: string;
  enNoun: string;
}

export interface Domain {
  key: string;
  department: { ru: string; en: string };
  objects: Noun[];
  actions: Action[];
  /** Sentences of answer bodies for this domain, Russian and English. */
  facts: [string, string][];
}

const n = (nom: string, acc: string, gen: string, en: string): Noun => ({ nom, acc, gen, en });
const a = (key: string, inf: string, noun: string, past: string, bare: string, enVerb: string, enNoun: string): Action => ({
  key,
  inf,
  noun,
  past,
  bare,
  enVerb,
  enNoun,
});

export const DOMAINS: Domain[] = [
  {
    key: 'cards',
    department: { ru: 'Отдел банковских карт', en: 'Cards' },
    objects: [
      n('дебетовая карта', 'дебетовую карту', 'дебетовой карты', 'debit card'),
      n('кредитная карта', 'кредитную карту', 'кредитной карты', 'credit card'),
      n('зарплатная карта', 'зарплатную карту', 'зарплатной карты', 'salary card'),
      n('виртуальная карта', 'виртуальную карту', 'виртуальной карты', 'virtual card'),
      n('карта Мир', 'карту Мир', 'карты Мир', 'Mir card'),
      n('премиальная карта', 'премиальную карту', 'премиальной карты', 'premium card'),
      n('детская карта', 'детскую карту', 'детской карты', "child's card"),
      n('пенсионная карта', 'пенсионную карту', 'пенсионной карты', 'pension card'),
      n('дополнительная карта', 'дополнительную карту', 'дополнительной карты', 'additional card'),
    ],
    actions: [
      a('block', 'заблокировать {acc}', 'блокировка {gen}', 'заблокировали {acc}', 'блокировка', 'block the {en}', 'blocking the {en}'),
      a('unblock', 'разблокировать {acc}', 'разблокировка {gen}', 'разблокировали {acc}', 'разблокировка', 'unblock the {en}', 'unblocking the {en}'),
      a('reissue', 'перевыпустить {acc}', 'перевыпуск {gen}', 'перевыпустили {acc}', 'перевыпуск', 'reissue the {en}', 'reissuing the {en}'),
      a('activate', 'активировать {acc}', 'активация {gen}', 'активировали {acc}', 'активация', 'activate the {en}', 'activating the {en}'),
      a('close', 'закрыть {acc}', 'закрытие {gen}', 'закрыли {acc}', 'закрытие', 'close the {en}', 'closing the {en}'),
      a('pin', 'сменить ПИН-код {gen}', 'смена ПИН-кода {gen}', 'сменили ПИН-код {gen}', 'смена ПИН-кода', 'change the PIN of the {en}', 'changing the PIN of the {en}'),
      a('limit', 'увеличить лимит {gen}', 'увеличение лимита {gen}', 'увеличили лимит {gen}', 'увеличение лимита', 'raise the limit of the {en}', 'raising the limit of the {en}'),
      a('deliver', 'доставить {acc}', 'доставка {gen}', 'доставили {acc}', 'доставка', 'deliver the {en}', 'delivering the {en}'),
      a('pay', 'привязать {acc} к Mir Pay', 'привязка {gen} к Mir Pay', 'привязали {acc} к Mir Pay', 'привязка к Mir Pay', 'add the {en} to Mir Pay', 'adding the {en} to Mir Pay'),
    ],
    facts: [
      ['Карту можно заблокировать круглосуточно в приложении или по телефону 8 800 100-00-00.', 'A card can be blocked at any time in the app or by calling 8 800 100-00-00.'],
      ['Перевыпуск по истечении срока бесплатный, новая карта готова через 5 рабочих дней.', 'A reissue on expiry is free; the new card is ready in 5 working days.'],
      ['Лимиты на снятие наличных и покупки клиент меняет сам в разделе «Карты».', 'The client changes cash and purchase limits under "Cards".'],
      ['Номер карты в чате и в обращении не пишите: укажите последние четыре цифры.', 'Never write the card number in chat or an issue: give the last four digits.'],
    ],
  },
  {
    key: 'deposits',
    department: { ru: 'Отдел вкладов', en: 'Deposits' },
    objects: [
      n('срочный вклад', 'срочный вклад', 'срочного вклада', 'term deposit'),
      n('накопительный счёт', 'накопительный счёт', 'накопительного счёта', 'savings account'),
      n('пенсионный вклад', 'пенсионный вклад', 'пенсионного вклада', 'pensioner deposit'),
      n('валютный вклад', 'валютный вклад', 'валютного вклада', 'foreign currency deposit'),
      n('вклад Максимальный доход', 'вклад Максимальный доход', 'вклада Максимальный доход', 'Maximum Income deposit'),
      n('сберегательный сертификат', 'сберегательный сертификат', 'сберегательного сертификата', 'savings certificate'),
      n('вклад до востребования', 'вклад до востребования', 'вклада до востребования', 'demand deposit'),
      n('детский вклад', 'детский вклад', 'детского вклада', "children's deposit"),
    ],
    actions: [
      a('open', 'открыть {acc}', 'открытие {gen}', 'открыли {acc}', 'открытие', 'open the {en}', 'opening the {en}'),
      a('early-close', 'досрочно закрыть {acc}', 'досрочное закрытие {gen}', 'досрочно закрыли {acc}', 'досрочное закрытие', 'close the {en} early', 'early closure of the {en}'),
      a('top-up', 'пополнить {acc}', 'пополнение {gen}', 'пополнили {acc}', 'пополнение', 'top up the {en}', 'topping up the {en}'),
      a('withdraw', 'снять часть денег с {gen}', 'частичное снятие с {gen}', 'сняли часть денег с {gen}', 'частичное снятие', 'withdraw part of the {en}', 'partial withdrawal from the {en}'),
      a('prolong', 'продлить {acc}', 'продление {gen}', 'продлили {acc}', 'продление', 'renew the {en}', 'renewing the {en}'),
      a('interest', 'начислить проценты на {acc}', 'начисление процентов на {acc}', 'начислили проценты на {acc}', 'начисление процентов', 'pay interest on the {en}', 'interest on the {en}'),
      a('inherit', 'переоформить {acc} на наследника', 'переоформление {gen} на наследника', 'переоформили {acc} на наследника', 'переоформление на наследника', 'transfer the {en} to an heir', 'transferring the {en} to an heir'),
      a('insure', 'застраховать {acc}', 'страхование {gen}', 'застраховали {acc}', 'страхование', 'insure the {en}', 'insurance of the {en}'),
    ],
    facts: [
      ['Вклады застрахованы АСВ на сумму до 1,4 млн рублей на одного клиента.', 'Deposits are insured by the DIA up to 1.4 million roubles per client.'],
      ['При досрочном закрытии проценты пересчитываются по ставке до востребования.', 'On early closure interest is recalculated at the demand rate.'],
      ['Проценты начисляются ежемесячно и капитализируются, если это предусмотрено договором.', 'Interest accrues monthly and is capitalised where the contract says so.'],
      ['Налог на проценты удерживается, если доход превышает необлагаемый лимит года.', "Tax on interest is withheld when income exceeds the year's tax-free allowance."],
    ],
  },
  {
    key: 'loans',
    department: { ru: 'Кредитный отдел', en: 'Loans' },
    objects: [
      n('потребительский кредит', 'потребительский кредит', 'потребительского кредита', 'consumer loan'),
      n('автокредит', 'автокредит', 'автокредита', 'car loan'),
      n('кредит наличными', 'кредит наличными', 'кредита наличными', 'cash loan'),
      n('кредитная линия', 'кредитную линию', 'кредитной линии', 'credit line'),
      n('образовательный кредит', 'образовательный кредит', 'образовательного кредита', 'education loan'),
      n('кредит под залог недвижимости', 'кредит под залог недвижимости', 'кредита под залог недвижимости', 'home equity loan'),
      n('целевой кредит', 'целевой кредит', 'целевого кредита', 'purpose loan'),
      n('рефинансированный кредит', 'рефинансированный кредит', 'рефинансированного кредита', 'refinanced loan'),
    ],
    actions: [
      a('apply', 'оформить {acc}', 'оформление {gen}', 'оформили {acc}', 'оформление', 'apply for the {en}', 'applying for the {en}'),
      a('repay-early', 'досрочно погасить {acc}', 'досрочное погашение {gen}', 'досрочно погасили {acc}', 'досрочное погашение', 'repay the {en} early', 'early repayment of the {en}'),
      a('restructure', 'реструктурировать {acc}', 'реструктуризация {gen}', 'реструктурировали {acc}', 'реструктуризация', 'restructure the {en}', 'restructuring the {en}'),
      a('holidays', 'оформить кредитные каникулы для {gen}', 'кредитные каникулы для {gen}', 'оформили кредитные каникулы для {gen}', 'кредитные каникулы', 'take payment holidays on the {en}', 'payment holidays on the {en}'),
      a('refinance', 'рефинансировать {acc}', 'рефинансирование {gen}', 'рефинансировали {acc}', 'рефинансирование', 'refinance the {en}', 'refinancing the {en}'),
      a('schedule', 'пересчитать график платежей {gen}', 'пересчёт графика платежей {gen}', 'пересчитали график платежей {gen}', 'пересчёт графика', 'recalculate the schedule of the {en}', 'payment schedule of the {en}'),
      a('insurance-refusal', 'отказаться от страховки {gen}', 'отказ от страховки {gen}', 'отказались от страховки {gen}', 'отказ от страховки', 'cancel the insurance of the {en}', 'cancelling the insurance of the {en}'),
      a('balance', 'узнать остаток долга {gen}', 'справка об остатке долга {gen}', 'узнали остаток долга {gen}', 'остаток долга', 'find out the balance of the {en}', 'balance of the {en}'),
    ],
    facts: [
      ['Досрочное погашение возможно в любой день без комиссии, заявление подаётся в приложении.', 'Early repayment is possible on any day without a fee; the request is made in the app.'],
      ['Кредитные каникулы дают право на отсрочку до шести месяцев по закону 353-ФЗ.', 'Payment holidays defer payments for up to six months under Law 353-FZ.'],
      ['От страховки можно отказаться в течение 30 дней с возвратом премии.', 'Insurance can be cancelled within 30 days with the premium refunded.'],
      ['Новый график платежей появляется в приложении на следующий рабочий день.', 'The new payment schedule appears in the app on the next working day.'],
    ],
  },
  {
    key: 'mortgage',
    department: { ru: 'Ипотечный центр', en: 'Mortgage Centre' },
    objects: [
      n('ипотека', 'ипотеку', 'ипотеки', 'mortgage'),
      n('семейная ипотека', 'семейную ипотеку', 'семейной ипотеки', 'family mortgage'),
      n('льготная ипотека', 'льготную ипотеку', 'льготной ипотеки', 'subsidised mortgage'),
      n('ипотека на вторичное жильё', 'ипотеку на вторичное жильё', 'ипотеки на вторичное жильё', 'mortgage on a resale home'),
      n('IT-ипотека', 'IT-ипотеку', 'IT-ипотеки', 'IT mortgage'),
      n('военная ипотека', 'военную ипотеку', 'военной ипотеки', 'military mortgage'),
      n('ипотека на строительство дома', 'ипотеку на строительство дома', 'ипотеки на строительство дома', 'house construction mortgage'),
      n('дальневосточная ипотека', 'дальневосточную ипотеку', 'дальневосточной ипотеки', 'Far East mortgage'),
    ],
    actions: [
      a('apply', 'оформить {acc}', 'оформление {gen}', 'оформили {acc}', 'оформление', 'apply for the {en}', 'applying for the {en}'),
      a('repay-early', 'досрочно погасить {acc}', 'досрочное погашение {gen}', 'досрочно погасили {acc}', 'досрочное погашение', 'repay the {en} early', 'early repayment of the {en}'),
      a('refinance', 'рефинансировать {acc}', 'рефинансирование {gen}', 'рефинансировали {acc}', 'рефинансирование', 'refinance the {en}', 'refinancing the {en}'),
      a('rate', 'снизить ставку {gen}', 'снижение ставки {gen}', 'снизили ставку {gen}', 'снижение ставки', 'lower the rate of the {en}', 'lowering the rate of the {en}'),
      a('capital', 'погасить {acc} маткапиталом', 'погашение {gen} материнским капиталом', 'погасили {acc} маткапиталом', 'погашение маткапиталом', 'pay off the {en} with maternity capital', 'paying off the {en} with maternity capital'),
      a('encumbrance', 'снять обременение после погашения {gen}', 'снятие обременения после погашения {gen}', 'сняли обременение после погашения {gen}', 'снятие обременения', 'release the charge after the {en} is repaid', 'releasing the charge of the {en}'),
      a('deduction', 'получить налоговый вычет за проценты {gen}', 'налоговый вычет за проценты {gen}', 'получили налоговый вычет за проценты {gen}', 'налоговый вычет', 'claim the tax deduction for the {en}', 'tax deduction for the {en}'),
      a('insurance', 'продлить страховку {gen}', 'продление страховки {gen}', 'продлили страховку {gen}', 'продление страховки', 'renew the insurance of the {en}', 'renewing the insurance of the {en}'),
    ],
    facts: [
      ['Решение по ипотеке действует 90 дней, за это время клиент выбирает квартиру.', 'A mortgage approval is valid for 90 days while the client chooses a home.'],
      ['Закладная погашается в Росреестре в течение трёх рабочих дней после полного погашения.', 'The charge is released at Rosreestr within three working days of full repayment.'],
      ['Маткапитал направляется через Социальный фонд, срок перечисления до 10 рабочих дней.', 'Maternity capital is paid through the Social Fund within 10 working days.'],
      ['Справку для налогового вычета клиент заказывает в приложении, она приходит за один день.', 'The client orders the tax deduction certificate in the app; it arrives in a day.'],
    ],
  },
  {
    key: 'payments',
    department: { ru: 'Отдел платежей и переводов', en: 'Payments and Transfers' },
    objects: [
      n('перевод по СБП', 'перевод по СБП', 'перевода по СБП', 'SBP transfer'),
      n('международный перевод', 'международный перевод', 'международного перевода', 'international transfer'),
      n('перевод по номеру карты', 'перевод по номеру карты', 'перевода по номеру карты', 'card-to-card transfer'),
      n('перевод по реквизитам', 'перевод по реквизитам', 'перевода по реквизитам', 'bank details transfer'),
      n('перевод между своими счетами', 'перевод между своими счетами', 'перевода между своими счетами', 'transfer between own accounts'),
      n('SWIFT-перевод', 'SWIFT-перевод', 'SWIFT-перевода', 'SWIFT transfer'),
      n('платёж за ЖКУ', 'платёж за ЖКУ', 'платежа за ЖКУ', 'utility payment'),
      n('автоплатёж', 'автоплатёж', 'автоплатежа', 'recurring payment'),
    ],
    actions: [
      a('send', 'отправить {acc}', 'отправка {gen}', 'отправили {acc}', 'отправка', 'send the {en}', 'sending the {en}'),
      a('cancel', 'отменить {acc}', 'отмена {gen}', 'отменили {acc}', 'отмена', 'cancel the {en}', 'cancelling the {en}'),
      a('refund', 'вернуть {acc}', 'возврат {gen}', 'вернули {acc}', 'возврат', 'return the {en}', 'returning the {en}'),
      a('track', 'отследить {acc}', 'отслеживание {gen}', 'отследили {acc}', 'отслеживание', 'track the {en}', 'tracking the {en}'),
      a('dispute', 'оспорить {acc}', 'оспаривание {gen}', 'оспорили {acc}', 'оспаривание', 'dispute the {en}', 'disputing the {en}'),
      a('fee', 'узнать комиссию за {acc}', 'комиссия за {acc}', 'узнали комиссию за {acc}', 'комиссия', 'find out the fee for the {en}', 'fee for the {en}'),
      a('limit', 'увеличить лимит на {acc}', 'лимит на {acc}', 'увеличили лимит на {acc}', 'лимит', 'raise the limit on the {en}', 'limit on the {en}'),
      a('confirm', 'подтвердить {acc}', 'подтверждение {gen}', 'подтвердили {acc}', 'подтверждение', 'confirm the {en}', 'confirming the {en}'),
      a('receipt', 'получить квитанцию {gen}', 'квитанция {gen}', 'получили квитанцию {gen}', 'квитанция', 'get a receipt for the {en}', 'receipt for the {en}'),
    ],
    facts: [
      ['Переводы по СБП до 100 000 рублей в месяц бесплатны, сверх лимита комиссия 0,5%.', 'SBP transfers up to 100,000 roubles a month are free; above that the fee is 0.5%.'],
      ['Перевод, ушедший получателю, банк отменить не может: поможет только сам получатель.', "A transfer that has reached the recipient can't be cancelled by the bank; only the recipient can return it."],
      ['Статус перевода виден в истории операций, квитанцию можно скачать в PDF.', 'The transfer status is in the transaction history; the receipt downloads as a PDF.'],
      ['При подозрении на мошенничество перевод приостанавливается на два дня по 161-ФЗ.', 'A transfer suspected of fraud is held for two days under Law 161-FZ.'],
    ],
  },
  {
    key: 'accounts',
    department: { ru: 'Операционный отдел', en: 'Operations' },
    objects: [
      n('текущий счёт', 'текущий счёт', 'текущего счёта', 'current account'),
      n('расчётный счёт', 'расчётный счёт', 'расчётного счёта', 'business account'),
      n('валютный счёт', 'валютный счёт', 'валютного счёта', 'foreign currency account'),
      n('зарплатный счёт', 'зарплатный счёт', 'зарплатного счёта', 'salary account'),
      n('номинальный счёт', 'номинальный счёт', 'номинального счёта', 'nominee account'),
      n('счёт эскроу', 'счёт эскроу', 'счёта эскроу', 'escrow account'),
      n('совместный счёт', 'совместный счёт', 'совместного счёта', 'joint account'),
      n('счёт для социальных выплат', 'счёт для социальных выплат', 'счёта для социальных выплат', 'benefits account'),
    ],
    actions: [
      a('open', 'открыть {acc}', 'открытие {gen}', 'открыли {acc}', 'открытие', 'open the {en}', 'opening the {en}'),
      a('close', 'закрыть {acc}', 'закрытие {gen}', 'закрыли {acc}', 'закрытие', 'close the {en}', 'closing the {en}'),
      a('details', 'получить реквизиты {gen}', 'реквизиты {gen}', 'получили реквизиты {gen}', 'реквизиты', 'get the details of the {en}', 'details of the {en}'),
      a('arrest', 'снять арест с {gen}', 'снятие ареста с {gen}', 'сняли арест с {gen}', 'снятие ареста', 'lift the freeze on the {en}', 'lifting the freeze on the {en}'),
      a('statement', 'получить выписку {gen}', 'выписка {gen}', 'получили выписку {gen}', 'выписка', 'get a statement of the {en}', 'statement of the {en}'),
      a('tariff', 'сменить тариф {gen}', 'смена тарифа {gen}', 'сменили тариф {gen}', 'смена тарифа', 'change the tariff of the {en}', 'changing the tariff of the {en}'),
      a('balance', 'узнать остаток {gen}', 'остаток {gen}', 'узнали остаток {gen}', 'остаток', 'check the balance of the {en}', 'balance of the {en}'),
      a('reissue', 'переоформить {acc}', 'переоформление {gen}', 'переоформили {acc}', 'переоформление', 'transfer the {en}', 'transferring the {en}'),
    ],
    facts: [
      ['Выписку за любой период клиент формирует в приложении, с печатью — в офисе.', 'The client makes a statement for any period in the app; a stamped one at a branch.'],
      ['Счёт с арестом закрыть нельзя, пока судебный пристав не снимет ограничение.', "An account under a freeze can't be closed until the bailiff lifts the restriction."],
      ['Реквизиты счёта доступны в приложении и отправляются на e-mail клиента.', 'Account details are in the app and can be sent to the client’s e-mail.'],
      ['Остаток при закрытии выдаётся наличными или переводится на другой счёт.', 'The balance on closure is paid in cash or moved to another account.'],
    ],
  },
  {
    key: 'digital',
    department: { ru: 'Отдел цифровых каналов', en: 'Digital Channels' },
    objects: [
      n('мобильное приложение', 'мобильное приложение', 'мобильного приложения', 'mobile app'),
      n('интернет-банк', 'интернет-банк', 'интернет-банка', 'internet bank'),
      n('личный кабинет', 'личный кабинет', 'личного кабинета', 'personal account area'),
      n('push-уведомления', 'push-уведомления', 'push-уведомлений', 'push notifications'),
      n('SMS-информирование', 'SMS-информирование', 'SMS-информирования', 'SMS alerts'),
      n('вход по биометрии', 'вход по биометрии', 'входа по биометрии', 'biometric login'),
      n('электронная подпись', 'электронную подпись', 'электронной подписи', 'electronic signature'),
      n('самозапрет на кредиты', 'самозапрет на кредиты', 'самозапрета на кредиты', 'self-ban on loans'),
    ],
    actions: [
      a('enable', 'подключить {acc}', 'подключение {gen}', 'подключили {acc}', 'подключение', 'turn on the {en}', 'turning on the {en}'),
      a('disable', 'отключить {acc}', 'отключение {gen}', 'отключили {acc}', 'отключение', 'turn off the {en}', 'turning off the {en}'),
      a('setup', 'настроить {acc}', 'настройка {gen}', 'настроили {acc}', 'настройка', 'set up the {en}', 'setting up the {en}'),
      a('restore', 'восстановить {acc}', 'восстановление {gen}', 'восстановили {acc}', 'восстановление', 'restore the {en}', 'restoring the {en}'),
      a('update', 'обновить {acc}', 'обновление {gen}', 'обновили {acc}', 'обновление', 'update the {en}', 'updating the {en}'),
      a('password', 'сменить пароль {gen}', 'смена пароля {gen}', 'сменили пароль {gen}', 'смена пароля', 'change the password of the {en}', 'changing the password of the {en}'),
      a('unblock', 'разблокировать {acc}', 'разблокировка {gen}', 'разблокировали {acc}', 'разблокировка', 'unblock the {en}', 'unblocking the {en}'),
      a('error', 'исправить ошибку {gen}', 'ошибка {gen}', 'исправили ошибку {gen}', 'ошибка', 'fix an error in the {en}', 'error in the {en}'),
    ],
    facts: [
      ['Приложение поддерживает Android 8 и новее и iOS 15 и новее.', 'The app supports Android 8 and later and iOS 15 and later.'],
      ['Доступ восстанавливается по номеру карты и коду из SMS на доверенный номер.', 'Access is restored with the card number and a code sent by SMS to the trusted number.'],
      ['Самозапрет устанавливается через Госуслуги и действует во всех банках.', 'A self-ban is set through Gosuslugi and applies at every bank.'],
      ['Никогда не просите клиента назвать код из SMS: его не спрашивают даже сотрудники банка.', 'Never ask a client for an SMS code: not even bank staff ask for it.'],
    ],
  },
  {
    key: 'cash',
    department: { ru: 'Отдел банкоматов и кассового обслуживания', en: 'ATMs and Cash' },
    objects: [
      n('банкомат', 'банкомат', 'банкомата', 'ATM'),
      n('терминал самообслуживания', 'терминал самообслуживания', 'терминала самообслуживания', 'self-service terminal'),
      n('банкомат другого банка', 'банкомат другого банка', 'банкомата другого банка', "another bank's ATM"),
      n('банкомат с приёмом наличных', 'банкомат с приёмом наличных', 'банкомата с приёмом наличных', 'cash-in ATM'),
      n('касса офиса', 'кассу офиса', 'кассы офиса', 'branch cash desk'),
      n('валютный банкомат', 'валютный банкомат', 'валютного банкомата', 'currency ATM'),
      n('бесконтактный банкомат', 'бесконтактный банкомат', 'бесконтактного банкомата', 'contactless ATM'),
      n('инкассаторская сумка', 'инкассаторскую сумку', 'инкассаторской сумки', 'cash collection bag'),
    ],
    actions: [
      a('find', 'найти {acc}', 'поиск {gen}', 'нашли {acc}', 'поиск', 'find the {en}', 'finding the {en}'),
      a('card-return', 'вернуть карту из {gen}', 'возврат карты из {gen}', 'вернули карту из {gen}', 'возврат карты', 'get the card back from the {en}', 'card retained by the {en}'),
      a('dispute', 'оспорить операцию {gen}', 'оспаривание операции {gen}', 'оспорили операцию {gen}', 'оспаривание операции', 'dispute a transaction at the {en}', 'disputed transaction at the {en}'),
      a('deposit', 'внести наличные через {acc}', 'внесение наличных через {acc}', 'внесли наличные через {acc}', 'внесение наличных', 'deposit cash through the {en}', 'depositing cash through the {en}'),
      a('withdraw', 'снять наличные через {acc}', 'снятие наличных через {acc}', 'сняли наличные через {acc}', 'снятие наличных', 'withdraw cash from the {en}', 'withdrawing cash from the {en}'),
      a('limit', 'узнать лимит {gen}', 'лимит выдачи {gen}', 'узнали лимит {gen}', 'лимит выдачи', 'find out the limit of the {en}', 'limit of the {en}'),
      a('complain', 'пожаловаться на {acc}', 'жалоба на {acc}', 'пожаловались на {acc}', 'жалоба', 'complain about the {en}', 'complaint about the {en}'),
      a('fee', 'узнать комиссию {gen}', 'комиссия {gen}', 'узнали комиссию {gen}', 'комиссия', 'find out the fee of the {en}', 'fee of the {en}'),
    ],
    facts: [
      ['Если банкомат не выдал деньги, сумма возвращается после инкассации, до 30 дней.', 'If an ATM did not pay out, the amount is returned after cash collection, within 30 days.'],
      ['Захваченную карту выдают в офисе по паспорту через два рабочих дня.', 'A retained card is handed back at a branch against a passport after two working days.'],
      ['Снятие в банкоматах других банков бесплатно до 100 000 рублей в месяц.', "Withdrawals at other banks' ATMs are free up to 100,000 roubles a month."],
      ['Карта банкоматов с адресами и часами работы есть в приложении.', 'The app has a map of ATMs with addresses and opening hours.'],
    ],
  },
  {
    key: 'invest',
    department: { ru: 'Отдел инвестиций и страхования', en: 'Investments and Insurance' },
    objects: [
      n('индивидуальный инвестиционный счёт', 'индивидуальный инвестиционный счёт', 'индивидуального инвестиционного счёта', 'individual investment account'),
      n('паевой фонд', 'паевой фонд', 'паевого фонда', 'mutual fund'),
      n('облигации федерального займа', 'облигации федерального займа', 'облигаций федерального займа', 'federal loan bonds'),
      n('полис страхования жизни', 'полис страхования жизни', 'полиса страхования жизни', 'life insurance policy'),
      n('страховка от мошенничества', 'страховку от мошенничества', 'страховки от мошенничества', 'fraud insurance'),
      n('накопительное страхование', 'накопительное страхование', 'накопительного страхования', 'endowment insurance'),
      n('программа долгосрочных сбережений', 'программу долгосрочных сбережений', 'программы долгосрочных сбережений', 'long-term savings programme'),
      n('золотой слиток', 'золотой слиток', 'золотого слитка', 'gold bar'),
    ],
    actions: [
      a('buy', 'оформить {acc}', 'оформление {gen}', 'оформили {acc}', 'оформление', 'buy the {en}', 'buying the {en}'),
      a('terminate', 'расторгнуть {acc}', 'расторжение {gen}', 'расторгли {acc}', 'расторжение', 'terminate the {en}', 'terminating the {en}'),
      a('prolong', 'продлить {acc}', 'продление {gen}', 'продлили {acc}', 'продление', 'renew the {en}', 'renewing the {en}'),
      a('refund', 'вернуть деньги за {acc}', 'возврат денег за {acc}', 'вернули деньги за {acc}', 'возврат денег', 'get a refund for the {en}', 'refund for the {en}'),
      a('deduction', 'получить налоговый вычет за {acc}', 'налоговый вычет за {acc}', 'получили налоговый вычет за {acc}', 'налоговый вычет', 'claim a tax deduction for the {en}', 'tax deduction for the {en}'),
      a('beneficiary', 'изменить выгодоприобретателя {gen}', 'смена выгодоприобретателя {gen}', 'изменили выгодоприобретателя {gen}', 'смена выгодоприобретателя', 'change the beneficiary of the {en}', 'changing the beneficiary of the {en}'),
      a('sell', 'продать {acc}', 'продажа {gen}', 'продали {acc}', 'продажа', 'sell the {en}', 'selling the {en}'),
      a('report', 'получить отчёт по доходности {gen}', 'отчёт по доходности {gen}', 'получили отчёт по доходности {gen}', 'отчёт по доходности', 'get the return report of the {en}', 'return report of the {en}'),
    ],
    facts: [
      ['Инвестиции не застрахованы АСВ, доходность в прошлом не гарантирует доходность в будущем.', 'Investments are not insured by the DIA; past returns do not guarantee future returns.'],
      ['В период охлаждения, 14 дней, полис расторгается с полным возвратом взноса.', 'During the 14-day cooling-off period a policy is cancelled with a full refund.'],
      ['Продажа слитков облагается НДФЛ, если они были в собственности меньше трёх лет.', 'Selling bars is taxed if they were owned for less than three years.'],
      ['Отчёт брокера клиент получает ежеквартально в личном кабинете инвестора.', "The client gets the broker's report quarterly in the investor's area."],
    ],
  },
  {
    key: 'service',
    department: { ru: 'Отдел клиентских отношений', en: 'Client Relations' },
    objects: [
      n('справка об остатке на счёте', 'справку об остатке на счёте', 'справки об остатке на счёте', 'account balance certificate'),
      n('справка о закрытии кредита', 'справку о закрытии кредита', 'справки о закрытии кредита', 'loan closure certificate'),
      n('доверенность', 'доверенность', 'доверенности', 'power of attorney'),
      n('кодовое слово', 'кодовое слово', 'кодового слова', 'code word'),
      n('паспортные данные', 'паспортные данные', 'паспортных данных', 'passport details'),
      n('номер телефона', 'номер телефона', 'номера телефона', 'phone number'),
      n('адрес регистрации', 'адрес регистрации', 'адреса регистрации', 'registered address'),
      n('согласие на обработку данных', 'согласие на обработку данных', 'согласия на обработку данных', 'data processing consent'),
      n('завещательное распоряжение', 'завещательное распоряжение', 'завещательного распоряжения', 'testamentary disposition'),
    ],
    actions: [
      a('order', 'заказать {acc}', 'заказ {gen}', 'заказали {acc}', 'заказ', 'order the {en}', 'ordering the {en}'),
      a('change', 'изменить {acc}', 'изменение {gen}', 'изменили {acc}', 'изменение', 'change the {en}', 'changing the {en}'),
      a('update', 'обновить {acc}', 'обновление {gen}', 'обновили {acc}', 'обновление', 'update the {en}', 'updating the {en}'),
      a('certify', 'заверить {acc}', 'заверение {gen}', 'заверили {acc}', 'заверение', 'certify the {en}', 'certifying the {en}'),
      a('post', 'отправить {acc} по почте', 'отправка {gen} по почте', 'отправили {acc} по почте', 'отправка по почте', 'send the {en} by post', 'sending the {en} by post'),
      a('revoke', 'отозвать {acc}', 'отзыв {gen}', 'отозвали {acc}', 'отзыв', 'revoke the {en}', 'revoking the {en}'),
      a('check', 'проверить {acc}', 'проверка {gen}', 'проверили {acc}', 'проверка', 'check the {en}', 'checking the {en}'),
    ],
    facts: [
      ['Справки в электронном виде с подписью банка готовы в течение одного рабочего дня.', "Electronic certificates signed by the bank are ready within one working day."],
      ['Изменить персональные данные можно только по оригиналу паспорта в офисе.', 'Personal data can be changed only against the original passport at a branch.'],
      ['Доверенность, оформленная в банке, бесплатна; нотариальная проверяется юристом банка.', "A power of attorney made at the bank is free; a notarised one is checked by the bank's lawyer."],
      ['Кодовое слово не называйте вслух в зале: клиент пишет его на бланке.', 'Never say the code word aloud in the hall: the client writes it on a form.'],
    ],
  },
];

/** Circumstances that turn one question into several answers. */
export const QUALIFIERS: [string, string][] = [
  ['через мобильное приложение', 'via the mobile app'],
  ['в офисе банка', 'at a branch'],
  ['по телефону горячей линии', 'over the hotline'],
  ['через интернет-банк', 'through internet banking'],
  ['за границей', 'abroad'],
  ['в выходной день', 'at the weekend'],
  ['в праздничные дни', 'on public holidays'],
  ['ночью', 'at night'],
  ['для пенсионера', 'for a pensioner'],
  ['для несовершеннолетнего', 'for a minor'],
  ['для иностранного гражданина', 'for a foreign national'],
  ['для нерезидента', 'for a non-resident'],
  ['для индивидуального предпринимателя', 'for a sole trader'],
  ['для участника СВО', 'for a military serviceman'],
  ['для бюджетника', 'for a public sector employee'],
  ['для клиента с инвалидностью', 'for a client with a disability'],
  ['для VIP-клиента', 'for a VIP client'],
  ['по доверенности', 'by power of attorney'],
  ['после смерти владельца', "after the holder's death"],
  ['при банкротстве клиента', "in the client's bankruptcy"],
  ['без паспорта', 'without a passport'],
  ['по загранпаспорту', 'with an international passport'],
  ['в другом городе', 'in another city'],
  ['в другом регионе', 'in another region'],
  ['в Екатеринбургском филиале', 'at the Yekaterinburg branch'],
  ['в Новосибирском филиале', 'at the Novosibirsk branch'],
  ['в Казани', 'in Kazan'],
  ['в Калининграде', 'in Kaliningrad'],
  ['во Владивостоке', 'in Vladivostok'],
  ['срочно', 'urgently'],
  ['бесплатно', 'free of charge'],
  ['без комиссии', 'without a fee'],
  ['в валюте', 'in foreign currency'],
  ['в долларах', 'in dollars'],
  ['в юанях', 'in yuan'],
  ['в евро', 'in euros'],
  ['после смены фамилии', 'after a change of surname'],
  ['после переезда', 'after moving house'],
  ['при утере телефона', 'after losing the phone'],
  ['после кражи', 'after a theft'],
  ['при подозрении на мошенничество', 'when fraud is suspected'],
  ['после звонка мошенников', 'after a call from scammers'],
  ['при аресте счетов', 'when accounts are frozen'],
  ['по решению суда', 'by court order'],
  ['по требованию приставов', "at the bailiffs' demand"],
  ['по 115-ФЗ', 'under anti-money-laundering rules'],
  ['в день зарплаты', 'on payday'],
  ['до конца месяца', 'before the end of the month'],
  ['в последний день срока', 'on the last day of the term'],
  ['после истечения срока', 'after the term expires'],
  ['с маткапиталом', 'with maternity capital'],
  ['с господдержкой', 'with state support'],
  ['с поручителем', 'with a guarantor'],
  ['с созаёмщиком', 'with a co-borrower'],
  ['с залогом автомобиля', 'with a car as collateral'],
  ['с плохой кредитной историей', 'with a poor credit history'],
  ['при просрочке платежа', 'when a payment is overdue'],
  ['при потере работы', 'after losing a job'],
  ['в декретном отпуске', 'on maternity leave'],
  ['на больничном', 'on sick leave'],
  ['в отпуске', 'while on holiday'],
  ['студенту', 'for a student'],
  ['самозанятому', 'for a self-employed person'],
  ['по зарплатному проекту', 'under a payroll scheme'],
  ['в рамках акции', 'under a promotion'],
  ['с кешбэком', 'with cashback'],
  ['с повышенной ставкой', 'at a higher rate'],
  ['через Госуслуги', 'through Gosuslugi'],
  ['на iPhone', 'on an iPhone'],
  ['на Android', 'on Android'],
  ['по QR-коду', 'with a QR code'],
  ['по номеру телефона', 'by phone number'],
  ['на имя супруга', "in the spouse's name"],
  ['на имя ребёнка', "in a child's name"],
  ['в наследство', 'by inheritance'],
  ['при разводе', 'in a divorce'],
  ['при закрытии офиса', 'when the branch closes'],
  ['во время технических работ', 'during maintenance'],
  ['при сбое приложения', 'when the app fails'],
  ['после обновления приложения', 'after an app update'],
  ['при смене номера телефона', 'after changing the phone number'],
  ['с новым паспортом', 'with a new passport'],
  ['при достижении 14 лет', 'when the child turns 14'],
  ['впервые', 'for the first time'],
  ['повторно', 'a second time'],
  ['в течение 14 дней', 'within 14 days'],
  ['через курьера', 'by courier'],
  ['по почте', 'by post'],
  ['с электронной подписью', 'with an electronic signature'],
  ['через представителя', 'through a representative'],
];

/** Sentences every answer may carry, whatever its domain. */
export const COMMON_FACTS: [string, string][] = [
  ['Проверьте личность клиента по паспорту или кодовому слову.', "Check the client's identity by passport or code word."],
  ['Срок рассмотрения — до трёх рабочих дней, результат клиент получит в SMS.', 'It takes up to three working days; the client gets the result by SMS.'],
  ['Комиссия указана в тарифах банка на дату операции.', "The fee is in the bank's tariffs on the date of the transaction."],
  ['Если клиент не согласен с решением, предложите зарегистрировать обращение.', 'If the client disagrees with the decision, offer to log an issue.'],
  ['Операция доступна в приложении «Пример Онлайн» и в любом офисе банка.', 'This is available in the "Primer Online" app and at any branch.'],
  ['Для представителя нужна нотариальная доверенность или доверенность, оформленная в банке.', 'A representative needs a notarised power of attorney or one made at the bank.'],
  ['Клиенту с ограниченными возможностями помогите заполнить заявление в офисе.', 'Help a client with a disability to fill in the form at the branch.'],
  ['Номера карт, счетов и паспорта в чате не пишите: бот скрывает их, но лучше не писать вовсе.', 'Do not write card, account or passport numbers in chat: the bot masks them, but better not to.'],
  ['Если вопрос выходит за рамки этого ответа, передайте его ответственному подразделению.', 'If the question goes beyond this answer, hand it to the responsible department.'],
  ['Решение банка клиент может обжаловать финансовому уполномоченному.', "The client may appeal the bank's decision to the financial ombudsman."],
  ['Заявление в приложении подписывается простой электронной подписью — кодом из SMS.', 'An application in the app is signed with a simple electronic signature: the SMS code.'],
  ['В выходные дни офисы работают по сокращённому графику, проверьте часы на сайте.', 'Branches keep shorter hours at weekends; check the times on the website.'],
];
