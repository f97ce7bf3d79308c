// user: what a person does for themself — who am I, bind my WeChat, my card and its signed QR code.
import { userContract } from '../../shared/contract/user';
import { createRouter, implement } from '../_lib/dispatcher';
import { bind } from './actions/bind';
import { card, cardCode, verifyCard } from './actions/card';
import { me } from './actions/me';

export const main = createRouter(implement(userContract, { me, bind, card, cardCode, verifyCard }));
