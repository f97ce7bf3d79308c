// Stands in for `swiper/bundle`, which the Swiper web component imports and nothing here renders.
export default class Swiper {}
