import { Icon, Sidebar } from 'design-react-kit';
import { NavLink } from 'react-router-dom';
import { SECTIONS } from '../sections';

export function BackofficeSidebar() {
  return (
    <nav aria-label="Sezioni del back office">
      <Sidebar right>
        <div className="link-list-wrapper">
          <ul className="link-list">
            <li>
              <h3 className="no_toc">Attività</h3>
            </li>
            <li>
              <NavLink className="list-item large medium right-icon" to="/" end>
                <span className="list-item-title-icon-wrapper">
                  <span>Cruscotto</span>
                </span>
              </NavLink>
            </li>
            {SECTIONS.map((section) => (
              <li key={section.path}>
                <NavLink className="list-item large medium right-icon" to={`/${section.path}`}>
                  <span className="list-item-title-icon-wrapper">
                    <span>{section.title}</span>
                    <Icon icon={section.icon} color="primary" size="sm" aria-hidden className="right" />
                  </span>
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      </Sidebar>
    </nav>
  );
}
