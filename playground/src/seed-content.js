'use strict';

// Sample help-centre content for the fictional Larkspur home-goods shop.

const articles = [
  {
    title: 'Shipping and delivery times',
    slug: 'shipping-and-delivery',
    body: `Larkspur ships from our warehouse in Leeds every weekday. Orders placed before 2 pm (UK time) leave the same day; later orders leave the next working day.

Standard delivery takes 2–4 working days in the UK and costs £3.95, or is free on orders over £40. Express delivery arrives the next working day when you order before 2 pm and costs £6.95. We ship to most of Europe in 4–8 working days; the price is shown at checkout before you pay.

As soon as your parcel leaves, we email you a tracking link. If the tracking has not moved for three working days, or your parcel arrives damaged, contact us with your order number and we will send a replacement or refund the delivery charge.`,
  },
  {
    title: 'Returns and refunds',
    slug: 'returns-and-refunds',
    body: `You can return any unused item within 30 days of delivery for a full refund. Start a return from Orders in your account: pick the items, choose a reason and print the prepaid label, or show the QR code at any drop-off point. Pack the items in their original packaging if you still have it.

Returns are free in the UK; from the rest of Europe the label costs £4.50, which we deduct from your refund. Once the parcel reaches our warehouse we check it within two working days and refund the original payment method. Card refunds usually appear within 3–5 working days, PayPal refunds within 24 hours.

Faulty items can be returned at any time within 12 months, and we cover the postage.`,
  },
  {
    title: 'Resetting your password',
    slug: 'reset-your-password',
    body: `If you have forgotten your password, choose Sign in and then Forgot password. Enter the email address you registered with and we will send you a reset link within a few minutes. The link works once and expires after 60 minutes; if it has expired, simply request a new one.

Your new password needs at least 10 characters and cannot be one of your last three passwords. If the email does not arrive, check your spam or promotions folder and make sure you typed the address you used when you signed up.

Signed up with Google or Apple? Then you have no Larkspur password: use the same button you used to create the account. After five wrong attempts, sign-in pauses for 15 minutes to protect your account.`,
  },
  {
    title: 'Billing and payment methods',
    slug: 'billing-and-payments',
    body: `We accept Visa, Mastercard, American Express, PayPal, Apple Pay and Google Pay. Your card is charged when the order is placed, not when it ships; if part of an order is out of stock, we refund that part straight away.

Prices include VAT, and every order has a VAT invoice you can download from Orders in your account. A Larkspur Plus membership costs £29 a year and renews automatically on the date you joined; we remind you by email seven days before. You can change the card on file under Account → Payment methods at any time.

If you see a charge you do not recognise, it may be a pre-authorisation that drops off within five working days. If it does not, contact us with the last four digits of the card and we will look into it.`,
  },
  {
    title: 'Opening hours and how to reach us',
    slug: 'opening-hours',
    body: `Our customer team is available by live chat and phone Monday to Friday from 8 am to 8 pm, and on Saturdays from 9 am to 5 pm (UK time). We are closed on Sundays and bank holidays.

Outside those hours the chat assistant can still answer common questions about orders, delivery, returns and your account, and you can leave a message for the team; we reply by email the next working day.

Our phone number is 0800 123 4567 and is free from UK landlines and mobiles. You can email support@larkspur.example at any time and we answer within one working day. Our showroom at 12 Mill Lane, Leeds, is open Tuesday to Saturday from 10 am to 6 pm.`,
  },
  {
    title: 'Deleting your account',
    slug: 'delete-your-account',
    body: `You can delete your Larkspur account at any time from Account → Privacy → Delete account. We ask you to confirm with your password and then send a confirmation email; the account is closed as soon as you click the link.

Deleting the account removes your profile, saved addresses, wish lists and marketing preferences, and cancels a Larkspur Plus membership without a refund for the remaining months. Orders that are already on their way will still be delivered, and returns you have started can be completed.

The law requires us to keep order and invoice records for six years, but they are no longer linked to a login. If you only want fewer emails, unsubscribe under Account → Notifications instead. A deleted account cannot be restored, but you are welcome to open a new one with the same email address.`,
  },
];

const knowledgeEntries = [
  {
    title: 'How long does delivery take?',
    answer:
      'Standard UK delivery takes 2–4 working days and is free on orders over £40 (otherwise £3.95). Express delivery arrives the next working day when you order before 2 pm. Deliveries to Europe take 4–8 working days.',
    alternativeQuestions: [
      'When will my order arrive?',
      'What are your delivery times?',
      'How long does shipping take?',
      'Do you offer next day delivery?',
    ],
  },
  {
    title: 'What is your refund policy?',
    answer:
      'Unused items can be returned within 30 days of delivery for a full refund to the original payment method. We check returns within two working days of receiving them; card refunds then take 3–5 working days, PayPal about 24 hours. Faulty items can be returned within 12 months.',
    alternativeQuestions: [
      'Can I get my money back?',
      'How do I return an item?',
      'When will I get my refund?',
      'How long do refunds take?',
    ],
  },
  {
    title: 'How do I reset my password?',
    answer:
      'Choose Sign in → Forgot password and enter your email address. We send a reset link that works once and expires after 60 minutes. If it does not arrive, check your spam folder. If you signed up with Google or Apple, use that button instead: there is no Larkspur password to reset.',
    alternativeQuestions: [
      'I forgot my password',
      "I can't log in to my account",
      'My password reset link does not work',
      'How can I change my password?',
    ],
  },
];

module.exports = { articles, knowledgeEntries };
