import ThunderboltFilled from '@ant-design/icons/ThunderboltFilled';
import type { Utility } from '../../../shared/vocabulary';

function WaterDrop() {
  return (
    <span className="anticon" role="img" aria-hidden="true">
      <svg viewBox="0 0 16 16" width="1em" height="1em" fill="currentColor">
        <path d="M8 1.2C8 1.2 3 7 3 10.2a5 5 0 0 0 10 0C13 7 8 1.2 8 1.2z" />
      </svg>
    </span>
  );
}

export function UtilityIcon({ utility }: { utility: Utility }) {
  return (
    <span className={`utility-icon utility-${utility}`}>
      {utility === 'electricity' ? <ThunderboltFilled /> : <WaterDrop />}
    </span>
  );
}
