// user: what a person does for themself — who am I, bind my WeChat (agreeing to the privacy notice), my
// card and its signed QR code, everything kept about me (我的信息).
import { userContract } from '../../shared/contract/user';
import { createRouter, implement } from '../_lib/dispatcher';
import { bind } from './actions/bind';
import { card, cardCode, verifyCard } from './actions/card';
import { home } from './actions/home';
import { me } from './actions/me';
import { myData } from './actions/my-data';

export const main = createRouter(implement(userContract, { me, bind, card, cardCode, verifyCard, myData, home }));
