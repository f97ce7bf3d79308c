// Stylesheets imported by components (`import './index.scss'`) are nothing in jsdom.
export default {};
