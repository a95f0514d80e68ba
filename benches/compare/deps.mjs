// The npm libraries of the comparison, re-exported from the folder they are
// installed in (run.sh copies this file next to that node_modules).
export { Webhook as StandardWebhook } from 'standardwebhooks';
export * as octokit from '@octokit/webhooks-methods';
export { default as Stripe } from 'stripe';
