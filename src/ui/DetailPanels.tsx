import { CaptureExport } from './exports/CaptureExport';
import { RealConfigPanel } from './exports/RealConfigPanel';
import { Inspector } from './inspector/Inspector';
import { Glossary } from './narration/Glossary';
import { CompareModes } from './panels/CompareModes';
import { CompareProtocols } from './panels/CompareProtocols';
import { CostChart } from './panels/CostChart';
import { KeyPlacementPanel } from './panels/KeyPlacementPanel';
import { LbCapabilities } from './panels/LbCapabilities';
import { ModeGuidePanel } from './panels/ModeGuidePanel';
import { ProtocolNote } from './panels/ProtocolNote';
import { SummaryPanel } from './panels/SummaryPanel';
import { WhoCanRead } from './panels/WhoCanRead';

/** Everything below the stage: the inspector and the panels (loaded lazily, after the first paint). */
export default function DetailPanels() {
  return (
    <>
      <Inspector />
      <div className="panels">
        <WhoCanRead />
        <LbCapabilities />
        <KeyPlacementPanel />
        <CompareModes />
        <CompareProtocols />
        <CostChart />
        <SummaryPanel />
        <CaptureExport />
      </div>
      <ModeGuidePanel />
      <RealConfigPanel />
      <ProtocolNote />
      <Glossary />
    </>
  );
}
